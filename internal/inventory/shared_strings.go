package inventory

// sharedStrings hands out one *string per distinct value of the fields that
// repeat across a directory (user type, department, job title, location), so
// that a roster of 100,000 users in a few dozen departments holds a few
// dozen copies, not 100,000, while it waits to be sorted and written. Values
// past maxSharedStrings distinct ones are kept as they are: a field that
// hardly repeats gains nothing from the map.
type sharedStrings map[string]*string

const maxSharedStrings = 4096

// share points each field at the first copy of its value seen so far.
func (s sharedStrings) share(fields ...**string) {
	for _, f := range fields {
		if *f == nil {
			continue
		}
		if first, ok := s[**f]; ok {
			*f = first
		} else if len(s) < maxSharedStrings {
			s[**f] = *f
		}
	}
}
