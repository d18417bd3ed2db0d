DROP TABLE decision_quality_warnings;
