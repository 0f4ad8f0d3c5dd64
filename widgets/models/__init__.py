"""Pure models: parameters in, trajectories out. No ipywidgets or plotly imports here."""
