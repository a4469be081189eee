package inventory

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

type reportRows []graph.M365ActiveUser

func (r reportRows) GetOffice365ActiveUserDetail(context.Context, string) ([]graph.M365ActiveUser, error) {
	return r, nil
}

func reportDay(s string) *time.Time {
	t, _ := time.Parse(time.DateOnly, s)
	return &t
}

func usageRows() reportRows {
	refresh := reportDay("2026-08-29")
	yes, no := true, false
	name := "B Two"
	return reportRows{
		{ReportRefreshDate: refresh, UserPrincipalName: "zed@fabrikam.example", IsDeleted: &no, TeamsLastActivity: reportDay("2026-08-20"), YammerLastActivity: reportDay("2026-08-27")},
		{ReportRefreshDate: refresh, UserPrincipalName: "Bee@contoso.example", IsDeleted: &yes, DeletedDate: reportDay("2026-07-01")},
		{ReportRefreshDate: refresh, UserPrincipalName: "bee@contoso.example", IsDeleted: &no, DisplayName: &name, ExchangeLastActivity: reportDay("2026-06-30")},
		{ReportRefreshDate: refresh, UserPrincipalName: "amy@contoso.example", IsDeleted: &no, ExchangeLastActivity: reportDay("2026-06-29"), OneDriveLastActivity: reportDay("2026-05-01")},
	}
}

func TestM365ActiveUsersOrderAndLastActivity(t *testing.T) {
	usage, err := M365ActiveUsers(context.Background(), usageRows(), M365UsageFilter{Period: "D30"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, u := range usage.Users {
		last := "null"
		if u.LastActivity != nil {
			last = u.LastActivity.Format(time.DateOnly)
		}
		got = append(got, u.UserPrincipalName+"="+last)
	}
	// Names that tie case-insensitively: the live account before the deleted one.
	want := "amy@contoso.example=2026-06-29 bee@contoso.example=2026-06-30 Bee@contoso.example=null zed@fabrikam.example=2026-08-27"
	if strings.Join(got, " ") != want {
		t.Errorf("users = %s\nwant    %s", strings.Join(got, " "), want)
	}
	if usage.NamesConcealed || usage.RefreshDate.Format(time.DateOnly) != "2026-08-29" {
		t.Errorf("concealed %v, refresh %v", usage.NamesConcealed, usage.RefreshDate)
	}
}

func TestM365ActiveUsersFilters(t *testing.T) {
	for _, tc := range []struct {
		name   string
		filter M365UsageFilter
		want   string
	}{
		// 2026-06-30 is exactly 60 days before the refresh: not "more than".
		{"inactive 60", M365UsageFilter{InactiveDays: 60}, "amy@contoso.example Bee@contoso.example"},
		{"inactive 59", M365UsageFilter{InactiveDays: 59}, "amy@contoso.example bee@contoso.example Bee@contoso.example"},
		{"inactive 1", M365UsageFilter{InactiveDays: 1}, "amy@contoso.example bee@contoso.example Bee@contoso.example zed@fabrikam.example"},
		{"domain", M365UsageFilter{DomainNames: []string{"FABRIKAM.example"}}, "zed@fabrikam.example"},
		{"domain and inactive", M365UsageFilter{DomainNames: []string{"contoso.example"}, InactiveDays: 60}, "amy@contoso.example Bee@contoso.example"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			usage, err := M365ActiveUsers(context.Background(), usageRows(), tc.filter)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, u := range usage.Users {
				got = append(got, u.UserPrincipalName)
			}
			if strings.Join(got, " ") != tc.want {
				t.Errorf("users = %q, want %q", strings.Join(got, " "), tc.want)
			}
		})
	}
}

func TestM365ActiveUsersConcealed(t *testing.T) {
	rows := usageRows()
	for i := range rows {
		rows[i].UserPrincipalName = strings.Repeat("AB", 16)
		rows[i].Concealed = true
	}
	usage, err := M365ActiveUsers(context.Background(), rows, M365UsageFilter{})
	if err != nil || !usage.NamesConcealed || len(usage.Users) != 4 {
		t.Fatalf("concealed read: %d users, concealed %v, err %v", len(usage.Users), usage.NamesConcealed, err)
	}
	_, err = M365ActiveUsers(context.Background(), rows, M365UsageFilter{DomainNames: []string{"contoso.example"}})
	var cerr *ConcealedNamesError
	if !errors.As(err, &cerr) || !strings.Contains(err.Error(), "Display concealed user, group, and site names in all reports") {
		t.Fatalf("err = %v, want a ConcealedNamesError naming the setting", err)
	}
}
