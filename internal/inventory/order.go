package inventory

import "strings"

// lessFold orders by a case-insensitively, then by a's exact bytes (so that
// the order is total and stable across runs), then by id in byte order.
func lessFold(a, b, idA, idB string) bool {
	if fa, fb := strings.ToLower(a), strings.ToLower(b); fa != fb {
		return fa < fb
	}
	if a != b {
		return a < b
	}
	return idA < idB
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
