package graph

import "regexp"

var guidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// isGUID reports whether s is a GUID; only GUIDs are put into $filter.
func isGUID(s string) bool { return guidPattern.MatchString(s) }

// IsGUID reports whether s is a GUID: callers check ids Graph sent before
// asking for them by id, since only GUIDs go into a $filter.
func IsGUID(s string) bool { return isGUID(s) }
