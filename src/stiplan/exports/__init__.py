"""Writers that turn model objects and query results into files people take away."""
