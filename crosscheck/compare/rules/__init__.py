"""One module per rule; the registry in ``..registry`` lists them all."""
