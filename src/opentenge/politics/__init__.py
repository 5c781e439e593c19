"""Money in politics: deputies, officials, parties, elections, declarations and company roles."""
