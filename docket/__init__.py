"""docket: documentary microsites from sources, annotations, actors and a timeline."""

__version__ = "0.1.0"
