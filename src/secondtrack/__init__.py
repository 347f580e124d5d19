"""secondtrack: software for running Track Two diplomacy."""
