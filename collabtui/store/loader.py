class LoaderOps:
    """Placeholder replaced below."""
