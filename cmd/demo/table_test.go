package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

// columnStarts returns the rune offsets at which the cells start in line,
// each searched after the one before, or nil when line does not hold them
// all in that order.
func columnStarts(line string, cells ...string) []int {
	var starts []int
	from := 0
	for _, c := range cells {
		i := strings.Index(line[from:], c)
		if i < 0 {
			return nil
		}
		starts = append(starts, utf8.RuneCountInString(line[:from+i]))
		from += i + len(c)
	}
	return starts
}

func TestTableAlignsColumnsToTheWidestCell(t *testing.T) {
	long := "maximilian.van.der.berghe-lindqvist_partner.example#EXT#@northwindtraders.onmicrosoft.com"
	var out bytes.Buffer
	tb := newTable("  ", "EMAIL", "NAME", "SEATS").alignRight(2)
	tb.row("ann@contoso.example", "Ann", 3)
	tb.row(long, "Émilie Zoë", 12)
	tb.row("bo@contoso.example", "Bo", 100)
	if err := tb.write(&out); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	want := []string{
		"  EMAIL" + strings.Repeat(" ", len(long)-5) + "  NAME        SEATS",
		"  ann@contoso.example" + strings.Repeat(" ", len(long)-19) + "  Ann             3",
		"  " + long + "  Émilie Zoë     12",
		"  bo@contoso.example" + strings.Repeat(" ", len(long)-18) + "  Bo            100",
	}
	if len(lines) != len(want) {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), len(want), out.String())
	}
	for i := range want {
		if lines[i] != want[i] {
			t.Errorf("line %d:\n%q\nwant\n%q", i, lines[i], want[i])
		}
	}
}

// The HR Roster's sample keeps its columns under their headers when one
// user principal name is much longer than the others.
func TestHRRosterSampleStaysAlignedWithALongUPN(t *testing.T) {
	long := "maximilian.van.der.berghe-lindqvist_partner.example#EXT#@northwindtraders.onmicrosoft.com"
	o := outputs{}
	for name, v := range map[string]any{
		"organization":      map[string]any{"name": "Northwind Traders", "domains": []string{"northwind.example"}},
		"members_by_domain": map[string]int{"northwind.example": 2},
		"member_count":      2,
		"guests_left_out":   []string{},
		"disabled_members":  []string{},
		"sample": []map[string]any{
			{"email": "ann@northwind.example", "name": "Ann", "location": "Seattle, WA, US", "active_date": "2020-01-01T00:00:00Z", "aliases": 1},
			{"email": long, "name": nil, "location": nil, "active_date": "2024-06-30T09:00:00Z", "aliases": 12},
		},
	} {
		raw, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		o[name] = raw
	}
	var out bytes.Buffer
	if err := printHRRoster(o, &out); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(out.String(), "\n")
	header := -1
	for i, line := range lines {
		if strings.Contains(line, "EMAIL") {
			header = i
		}
	}
	if header < 0 || header+2 >= len(lines) {
		t.Fatalf("no sample table:\n%s", out.String())
	}
	want := columnStarts(lines[header], "EMAIL", "NAME", "LOCATION", "ACTIVE SINCE", "ALIASES")
	for _, row := range []struct{ line, email, name, location, date, aliases string }{
		{lines[header+1], "ann@northwind.example", "Ann", "Seattle, WA, US", "2020-01-01T00:00:00Z", "1"},
		{lines[header+2], long, "(null)", "(null)", "2024-06-30T09:00:00Z", "12"},
	} {
		got := columnStarts(row.line, row.email, row.name, row.location, row.date, row.aliases)
		if want == nil || got == nil || !equalInts(got, want) {
			t.Errorf("columns of %q start at %v; the header's at %v:\n%s", row.email, got, want, out.String())
		}
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
