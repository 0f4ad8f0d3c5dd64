"""The question banks (``*.yml``), installed with the course package as ``veerkracht.banks``."""
