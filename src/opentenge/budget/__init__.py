"""Budget execution (budget.egov.kz): budget lines, check figures, reconciliation, explorer."""
