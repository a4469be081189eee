package graph

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
)

// M365ActiveUser is one row of the "Microsoft 365 active users" report
// (getOffice365ActiveUserDetail). A CSV cell cannot tell null from "", so an
// empty cell is nil. Dates are UTC midnights of the report's YYYY-MM-DD.
type M365ActiveUser struct {
	ReportRefreshDate *time.Time
	UserPrincipalName string
	DisplayName       *string
	IsDeleted         *bool
	DeletedDate       *time.Time

	HasExchangeLicense   *bool
	HasOneDriveLicense   *bool
	HasSharePointLicense *bool
	HasYammerLicense     *bool // nil too where the report has no Yammer column (21Vianet)
	HasTeamsLicense      *bool // likewise

	ExchangeLastActivity   *time.Time
	OneDriveLastActivity   *time.Time
	SharePointLastActivity *time.Time
	YammerLastActivity     *time.Time
	TeamsLastActivity      *time.Time

	// AssignedProducts are the names in "Assigned Products", sorted,
	// without repeats.
	AssignedProducts []string
	// Concealed is true when the user principal name is not one: the
	// tenant conceals names in reports (a hash, a GUID or a <PII:…> tag).
	Concealed bool
}

// Column names of the report's header (graph-reference-3 §8.1). Columns are
// found by name, so added or reordered columns do no harm.
const (
	colRefreshDate      = "Report Refresh Date"
	colUPN              = "User Principal Name"
	colDisplayName      = "Display Name"
	colIsDeleted        = "Is Deleted"
	colDeletedDate      = "Deleted Date"
	colHasExchange      = "Has Exchange License"
	colHasOneDrive      = "Has OneDrive License"
	colHasSharePoint    = "Has SharePoint License"
	colHasYammer        = "Has Yammer License"
	colHasTeams         = "Has Teams License"
	colExchangeActivity = "Exchange Last Activity Date"
	colOneDriveActivity = "OneDrive Last Activity Date"
	colSharePointActive = "SharePoint Last Activity Date"
	colYammerActivity   = "Yammer Last Activity Date"
	colTeamsActivity    = "Teams Last Activity Date"
	colAssignedProducts = "Assigned Products"
)

// requiredColumns must be in the header: without them the report cannot
// say who uses what. Yammer and Teams are optional, as sovereign clouds'
// reports leave them out.
var requiredColumns = []string{
	colRefreshDate, colUPN, colDisplayName, colIsDeleted, colDeletedDate,
	colHasExchange, colHasOneDrive, colHasSharePoint,
	colExchangeActivity, colOneDriveActivity, colSharePointActive, colAssignedProducts,
}

// csvShapeError is a CSV that broke off or is mangled (a row with the wrong
// number of fields, a quote left open, no header at all): what a cut or
// damaged download looks like, which a new download may cure.
type csvShapeError struct{ problem string }

func (e *csvShapeError) Error() string { return e.problem }

// utf8BOM starts the report (EF BB BF).
const utf8BOM = "\ufeff"

// parseActiveUserCSV reads the report as a stream, one row at a time. Cell
// errors name the line and column, never the value (it is personal data).
func parseActiveUserCSV(r io.Reader) ([]M365ActiveUser, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	if head, err := br.Peek(len(utf8BOM)); err == nil && string(head) == utf8BOM {
		_, _ = br.Discard(len(utf8BOM))
	}
	cr := csv.NewReader(br)
	cr.ReuseRecord = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, &csvShapeError{"the CSV is empty: it has no header row"}
	}
	if err != nil {
		return nil, csvReadError(err)
	}
	cols := make(map[string]int, len(header))
	for i, name := range header {
		cols[strings.TrimSpace(name)] = i
	}
	var missing []string
	for _, name := range requiredColumns {
		if _, ok := cols[name]; !ok {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("the CSV is not the Microsoft 365 active users report: its header has no %q column(s)", missing)
	}
	var rows []M365ActiveUser
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		if err != nil {
			return nil, csvReadError(err)
		}
		line, _ := cr.FieldPos(0)
		row, err := activeUserRow(rowCells{rec: rec, cols: cols, line: line})
		if err != nil {
			return nil, err
		}
		rows = append(rows, row)
	}
}

func csvReadError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &csvShapeError{fmt.Sprintf("the CSV is malformed at line %d: %v", pe.Line, pe.Err)}
	}
	return err
}

// rowCells reads one record's cells by column name.
type rowCells struct {
	rec  []string
	cols map[string]int
	line int
}

func (c rowCells) text(col string) string {
	i, ok := c.cols[col]
	if !ok || i >= len(c.rec) {
		return ""
	}
	return strings.TrimSpace(c.rec[i])
}

// boolean is "True"/"False" in any case; empty is nil.
func (c rowCells) boolean(col string) (*bool, error) {
	switch v := c.text(col); {
	case v == "":
		return nil, nil
	case strings.EqualFold(v, "true"):
		t := true
		return &t, nil
	case strings.EqualFold(v, "false"):
		f := false
		return &f, nil
	}
	return nil, fmt.Errorf("line %d, column %q: not True or False", c.line, col)
}

// date is YYYY-MM-DD; empty is nil.
func (c rowCells) date(col string) (*time.Time, error) {
	v := c.text(col)
	if v == "" {
		return nil, nil
	}
	t, err := time.Parse(time.DateOnly, v)
	if err != nil {
		return nil, fmt.Errorf("line %d, column %q: not a YYYY-MM-DD date", c.line, col)
	}
	return &t, nil
}

func activeUserRow(c rowCells) (M365ActiveUser, error) {
	u := M365ActiveUser{UserPrincipalName: c.text(colUPN)}
	if v := c.text(colDisplayName); v != "" {
		u.DisplayName = &v
	}
	u.Concealed = concealedName(u.UserPrincipalName)
	u.AssignedProducts = splitProducts(c.text(colAssignedProducts))
	var errs []error
	for _, b := range []struct {
		col string
		to  **bool
	}{
		{colIsDeleted, &u.IsDeleted}, {colHasExchange, &u.HasExchangeLicense}, {colHasOneDrive, &u.HasOneDriveLicense},
		{colHasSharePoint, &u.HasSharePointLicense}, {colHasYammer, &u.HasYammerLicense}, {colHasTeams, &u.HasTeamsLicense},
	} {
		v, err := c.boolean(b.col)
		*b.to, errs = v, append(errs, err)
	}
	for _, d := range []struct {
		col string
		to  **time.Time
	}{
		{colRefreshDate, &u.ReportRefreshDate}, {colDeletedDate, &u.DeletedDate},
		{colExchangeActivity, &u.ExchangeLastActivity}, {colOneDriveActivity, &u.OneDriveLastActivity},
		{colSharePointActive, &u.SharePointLastActivity}, {colYammerActivity, &u.YammerLastActivity},
		{colTeamsActivity, &u.TeamsLastActivity},
	} {
		v, err := c.date(d.col)
		*d.to, errs = v, append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return M365ActiveUser{}, fmt.Errorf("the CSV has a cell that cannot be read: %w", err)
	}
	return u, nil
}

// concealedName reports whether a report's user principal name is a
// concealed one: a UPN has an "@"; Microsoft's concealed forms (an MD5 hex
// string, a GUID) have none, or are a "<PII:…>" tag. "(Unknown)", which
// reports show for some accounts, is not concealment.
func concealedName(upn string) bool {
	switch {
	case upn == "" || upn == "(Unknown)":
		return false
	case strings.HasPrefix(upn, "<PII:"):
		return true
	}
	return !strings.Contains(upn, "@")
}

// splitProducts splits "Assigned Products". Products are joined with a
// bare "+", while names may themselves contain " + " ("ENTERPRISE
// MOBILITY + SECURITY E5"), so a "+" with a space on both sides is part of
// a name.
func splitProducts(cell string) []string {
	out := []string{}
	start := 0
	for i := 0; i < len(cell); i++ {
		if cell[i] != '+' || (i > 0 && cell[i-1] == ' ' && i+1 < len(cell) && cell[i+1] == ' ') {
			continue
		}
		out = append(out, strings.TrimSpace(cell[start:i]))
		start = i + 1
	}
	out = append(out, strings.TrimSpace(cell[start:]))
	kept := out[:0]
	for _, p := range out {
		if p != "" {
			kept = append(kept, p)
		}
	}
	sort.Strings(kept)
	uniq := kept[:0]
	for i, p := range kept {
		if i == 0 || p != kept[i-1] {
			uniq = append(uniq, p)
		}
	}
	return uniq
}
