package data

// Quarantine reason codes: why ingest refused a row. The codes are part of
// the input contract (inputs.md) and of the quarantine table; the synthetic
// data generator injects exactly these defects and counts them by these names.
const (
	ReasonMissingRequired     = "missing_required"
	ReasonInvalidDate         = "invalid_date"
	ReasonInvalidNumber       = "invalid_number"
	ReasonOutOfRange          = "out_of_range"
	ReasonUnknownCategory     = "unknown_category"
	ReasonInvalidIdentityCode = "invalid_identity_code"
	ReasonDuplicateInFile     = "duplicate_in_file"
	ReasonDateOrder           = "date_order"
	ReasonOrphan              = "orphan"
	ReasonAmbiguousMatch      = "ambiguous_match"
	ReasonKeyConflict         = "key_conflict"
	ReasonMalformedRow        = "malformed_row"
)
