package inventory

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

// M365ReportReader reads the Microsoft 365 active users report.
type M365ReportReader interface {
	GetOffice365ActiveUserDetail(ctx context.Context, period string) ([]graph.M365ActiveUser, error)
}

// M365UsageFilter selects the rows of a Microsoft 365 usage read.
type M365UsageFilter struct {
	Period string // D7, D30, D90 or D180
	// DomainNames keeps the rows whose user principal name is in one of
	// these domains (EmailDomain); empty keeps every row. With concealed
	// names it is an error: no row has a domain left to compare.
	DomainNames []string
	// InactiveDays, when above 0, keeps only the rows whose newest product
	// activity is null or more than that many days before the report's
	// refresh date.
	InactiveDays int
}

// M365ActiveUser is one user of the report, with LastActivity the newest of
// the product activity dates.
type M365ActiveUser struct {
	graph.M365ActiveUser
	LastActivity *time.Time
}

// M365Usage is the report as the data source shows it.
type M365Usage struct {
	// RefreshDate is the report's "Report Refresh Date" (nil for a report
	// without rows).
	RefreshDate *time.Time
	// NamesConcealed: the tenant conceals user names in usage reports, so
	// the names are hashes that match nothing in the directory.
	NamesConcealed bool
	Users          []M365ActiveUser // sorted by user principal name, case-insensitively
}

// ConcealedNamesSetting is the Microsoft 365 admin center setting that
// conceals names in usage reports, as the admin center words it.
const ConcealedNamesSetting = "Display concealed user, group, and site names in all reports " +
	"(Microsoft 365 admin center > Settings > Org settings > Services > Reports; Graph: /admin/reportSettings displayConcealedNames)"

// ConcealedNamesError is a domain filter on a report whose names are
// concealed.
type ConcealedNamesError struct{ Domains []string }

func (e *ConcealedNamesError) Error() string {
	return fmt.Sprintf("the tenant conceals user names in Microsoft 365 usage reports, so no user principal name has a domain "+
		"to compare with %q. Turn off %q (a Global Administrator can), or read this data source without domain_names "+
		"(set domain_names = [] to override the provider's)", e.Domains, ConcealedNamesSetting)
}

// M365ActiveUsers reads the Microsoft 365 active users report and applies f.
func M365ActiveUsers(ctx context.Context, source M365ReportReader, f M365UsageFilter) (M365Usage, error) {
	rows, err := source.GetOffice365ActiveUserDetail(ctx, f.Period)
	if err != nil {
		return M365Usage{}, err
	}
	var usage M365Usage
	for i := range rows {
		if rows[i].Concealed {
			usage.NamesConcealed = true
		}
		if usage.RefreshDate == nil && rows[i].ReportRefreshDate != nil {
			usage.RefreshDate = rows[i].ReportRefreshDate
		}
	}
	if usage.NamesConcealed && len(f.DomainNames) > 0 {
		return M365Usage{}, &ConcealedNamesError{Domains: f.DomainNames}
	}
	domains := newDomainSet(f.DomainNames)
	usage.Users = make([]M365ActiveUser, 0, len(rows))
	for _, row := range rows {
		if !domains.matches(&row.UserPrincipalName) {
			continue
		}
		u := M365ActiveUser{M365ActiveUser: row, LastActivity: newest(row.ExchangeLastActivity, row.OneDriveLastActivity,
			row.SharePointLastActivity, row.TeamsLastActivity, row.YammerLastActivity)}
		if f.InactiveDays > 0 && !inactiveSince(u.LastActivity, row.ReportRefreshDate, f.InactiveDays) {
			continue
		}
		usage.Users = append(usage.Users, u)
	}
	// Rows have no id: ties on the name (deleted and recreated accounts,
	// "(Unknown)") go by deletion, then display name, then report order.
	sortFold(usage.Users, func(u *M365ActiveUser) string { return u.UserPrincipalName }, func(u *M365ActiveUser) string {
		key := strconv.FormatBool(u.IsDeleted != nil && *u.IsDeleted)
		if u.DeletedDate != nil {
			key += u.DeletedDate.Format(time.DateOnly)
		}
		return key + "\x00" + deref(u.DisplayName)
	})
	return usage, nil
}

// newest is the latest of the dates, nil when all are.
func newest(dates ...*time.Time) *time.Time {
	var latest *time.Time
	for _, d := range dates {
		if d != nil && (latest == nil || d.After(*latest)) {
			latest = d
		}
	}
	return latest
}

// inactiveSince: no activity, or the last more than days before refresh.
// A row without a refresh date has nothing to count from and is kept only
// when it has no activity at all.
func inactiveSince(last, refresh *time.Time, days int) bool {
	if last == nil {
		return true
	}
	if refresh == nil {
		return false
	}
	return refresh.Sub(*last) > time.Duration(days)*24*time.Hour
}
