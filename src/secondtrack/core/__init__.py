"""Pure logic with no Django import: testable and benchmarkable on its own."""
