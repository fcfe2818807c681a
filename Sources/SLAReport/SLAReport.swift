public enum SLAReportModule {}
