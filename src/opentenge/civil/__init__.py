"""Civil-society money: state social order, state grants and awards, foreign funding, NGO profiles."""
