"""Sample service for the AWS DevOps Immersion Day."""
