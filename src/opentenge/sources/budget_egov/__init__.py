"""budget.egov.kz: monthly execution of the republican budget (see README.md)."""
