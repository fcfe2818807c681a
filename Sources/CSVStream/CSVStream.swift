public enum CSVStreamModule {}
