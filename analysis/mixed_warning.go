package analysis

// Warning is one entry of a row's "warnings" list: a stable machine-readable
// code and a plain-language message.
type Warning struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}
