package graph

import (
	"encoding/json"
	"errors"
	"time"
)

// graphTime is a Graph DateTimeOffset. Graph sends RFC 3339 in UTC; values
// without a zone are read as UTC, since a whole list failing on one odd
// timestamp helps nobody. A JSON null leaves the pointer nil.
type graphTime time.Time

var graphTimeLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02"}

func (t *graphTime) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return errors.New("a date-time property is not a string")
	}
	for _, layout := range graphTimeLayouts {
		if v, err := time.Parse(layout, s); err == nil {
			*t = graphTime(v.UTC())
			return nil
		}
	}
	// The value itself is not quoted: it is personal data.
	return errors.New("a date-time property is not in RFC 3339 format")
}

func (t *graphTime) time() *time.Time {
	if t == nil {
		return nil
	}
	v := time.Time(*t)
	return &v
}
