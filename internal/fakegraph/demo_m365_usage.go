package fakegraph

import "time"

// demoM365Idle are the demo's Microsoft 365 E3 holders who used none of
// Exchange, OneDrive, SharePoint and Teams in the last 60 days: days since
// their last activity in any of them (-1: never), by user number.
//   - 4 Alex Wilber, who holds E3 without Teams or Exchange: never;
//   - 18 the Boardroom room account: never;
//   - 25 Diego Siciliani, disabled: 75 days;
//   - 27: 90 days, though still signing in (a seat paid for, unused);
//   - 29: 61 days, just past the line.
var demoM365Idle = map[int]int{4: -1, 18: -1, 25: 75, 27: 90, 29: 61}

// DemoM365IdleUsers is how many demo users demoM365Idle lists.
const DemoM365IdleUsers = 5

// demoM365ActiveUsers is the demo tenant's Microsoft 365 active users
// report, refreshed two days before now: a row for every holder of
// SPE_E3 ("MICROSOFT 365 E3"), active within days unless demoM365Idle
// says otherwise, and a deleted account's row.
func demoM365ActiveUsers(users []User, now time.Time) (time.Time, []M365ActiveUser) {
	refresh := now.UTC().Truncate(24*time.Hour).AddDate(0, 0, -2)
	daysAgo := func(d int) *time.Time { t := refresh.AddDate(0, 0, -d); return &t }
	var rows []M365ActiveUser
	for _, u := range users {
		holds := false
		for _, l := range u.AssignedLicenses {
			holds = holds || l.SkuID == SkuM365E3
		}
		if !holds {
			continue
		}
		n := demoUserNumber(u.ID)
		row := M365ActiveUser{UserPrincipalName: u.UserPrincipalName, HasExchange: true, HasOneDrive: true,
			HasSharePoint: true, HasTeams: true, HasYammer: true, AssignedProducts: []string{"MICROSOFT 365 E3"}}
		if u.DisplayName != nil {
			row.DisplayName = *u.DisplayName
		}
		switch idle, listed := demoM365Idle[n]; {
		case listed && idle >= 0:
			row.ExchangeLastActivity, row.SharePointLastActivity = daysAgo(idle), daysAgo(idle+3)
			// Yammer is not one of the four: a recent visit does not count.
			row.YammerLastActivity = daysAgo(5)
		case listed:
		default:
			row.ExchangeLastActivity, row.TeamsLastActivity = daysAgo(n%3), daysAgo(n%9)
			if n%2 == 1 {
				row.OneDriveLastActivity = daysAgo(n % 20)
			}
		}
		rows = append(rows, row)
	}
	rows = append(rows, M365ActiveUser{UserPrincipalName: "former.employee@northwind.example", DisplayName: "Former Employee",
		IsDeleted: true, DeletedDate: daysAgo(20), HasExchange: true, ExchangeLastActivity: daysAgo(25),
		AssignedProducts: []string{"MICROSOFT 365 E3"}})
	return refresh, rows
}
