"""Service layer: verb functions that own the transaction and hold the business rules."""
