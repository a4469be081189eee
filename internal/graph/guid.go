package graph

import "regexp"

var guidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// isGUID reports whether s is a GUID; only GUIDs are put into $filter.
func isGUID(s string) bool { return guidPattern.MatchString(s) }
