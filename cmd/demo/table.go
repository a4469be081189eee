package main

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// table lays out rows in columns as wide as their widest cell, so that a
// long email address widens its column instead of pushing the rest of its
// row out of line. Sections build one per table: newTable, row, write.
type table struct {
	indent string
	right  map[int]bool // columns aligned right (counts)
	rows   [][]string
}

// newTable starts a table printed with indent before each line; header, if
// any, is its first row.
func newTable(indent string, header ...string) *table {
	t := &table{indent: indent, right: map[int]bool{}}
	if len(header) > 0 {
		t.rows = append(t.rows, header)
	}
	return t
}

// alignRight aligns the given columns (from 0) to the right, as numbers are.
func (t *table) alignRight(columns ...int) *table {
	for _, c := range columns {
		t.right[c] = true
	}
	return t
}

// row adds a row; each cell is printed with fmt.Sprint.
func (t *table) row(cells ...any) {
	texts := make([]string, len(cells))
	for i, c := range cells {
		texts[i] = fmt.Sprint(c)
	}
	t.rows = append(t.rows, texts)
}

// write prints the rows, columns two spaces apart, without trailing blanks.
// Widths count runes, so that a name with accents lines up too.
func (t *table) write(w io.Writer) error {
	var widths []int
	for _, r := range t.rows {
		for i, cell := range r {
			if i == len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], utf8.RuneCountInString(cell))
		}
	}
	var b strings.Builder
	for _, r := range t.rows {
		b.WriteString(t.indent)
		for i, cell := range r {
			pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(cell))
			if i > 0 {
				b.WriteString("  ")
			}
			switch {
			case t.right[i]:
				b.WriteString(pad + cell)
			case i < len(r)-1:
				b.WriteString(cell + pad)
			default:
				b.WriteString(cell)
			}
		}
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}
