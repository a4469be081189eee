package main

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
)

// outputs are the demo configuration's Terraform outputs, by name.
type outputs map[string]json.RawMessage

// decode reads the output name into v.
func (o outputs) decode(name string, v any) error {
	raw, ok := o[name]
	if !ok {
		return fmt.Errorf("the demo configuration has no output %q", name)
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return fmt.Errorf("reading output %q: %w", name, err)
	}
	return nil
}

// section prints one dataset's part of the summary. Each dataset registers
// its section from its own file, with an order that places it.
type section struct {
	order int
	print func(o outputs, w io.Writer) error
}

var sections []section

func register(s section) { sections = append(sections, s) }

func printSections(o outputs, w io.Writer) error {
	sort.SliceStable(sections, func(i, j int) bool { return sections[i].order < sections[j].order })
	for _, s := range sections {
		fmt.Fprintln(w)
		if err := s.print(o, w); err != nil {
			return err
		}
	}
	return nil
}

func orNull(s *string) string {
	if s == nil {
		return "(null)"
	}
	return *s
}
