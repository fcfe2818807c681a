public enum SLAGenerateModule {}
