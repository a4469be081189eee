package graph

import (
	"strings"
	"testing"
	"time"
)

func TestSignInQueryFilter(t *testing.T) {
	plus2 := time.FixedZone("", 2*3600)
	cases := []struct {
		name string
		q    SignInQuery
		want string
	}{
		{"nothing", SignInQuery{}, ""},
		{"times are re-written in UTC; until rounds up to the second",
			SignInQuery{Since: time.Date(2025, 1, 31, 10, 0, 0, 500, plus2), Until: time.Date(2025, 2, 1, 0, 0, 0, 1, time.UTC)},
			"createdDateTime ge 2025-01-31T08:00:00Z and createdDateTime le 2025-02-01T00:00:01Z"},
		{"one app, a user, successful only",
			SignInQuery{AppIDs: []string{"0E1D2C3B-4A59-4867-9F8E-7D6C5B4A3928"}, UserID: "3f1c2b4a-5d6e-4f70-8a91-b2c3d4e5f601", SuccessfulOnly: true},
			"appId eq '0e1d2c3b-4a59-4867-9f8e-7d6c5b4a3928' and userId eq '3f1c2b4a-5d6e-4f70-8a91-b2c3d4e5f601' and status/errorCode eq 0"},
		{"several apps",
			SignInQuery{AppIDs: []string{"00000000-0000-0000-0000-000000000001", "00000000-0000-0000-0000-000000000002"}},
			"(appId eq '00000000-0000-0000-0000-000000000001' or appId eq '00000000-0000-0000-0000-000000000002')"},
		{"more apps than the URL should carry are filtered locally",
			SignInQuery{AppIDs: strings.Split(strings.Repeat("00000000-0000-0000-0000-000000000001,", 16)[:37*16-1], ",")},
			""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := c.q.filter()
			if err != nil {
				t.Fatal(err)
			}
			if got != c.want {
				t.Errorf("filter\n got %s\nwant %s", got, c.want)
			}
		})
	}

	for _, bad := range []SignInQuery{
		{AppIDs: []string{"x' or appId ne 'y"}},
		{UserID: "00000000-0000-0000-0000-00000000000' or true"},
		{Since: time.Now(), Until: time.Now().Add(-time.Hour)},
	} {
		if f, err := bad.filter(); err == nil {
			t.Errorf("%+v gave the filter %q, want an error", bad, f)
		}
	}
}

func TestSignInQueryMatchesExactly(t *testing.T) {
	at := time.Date(2025, 1, 31, 8, 0, 0, 400, time.UTC)
	app, user, code := "00000000-0000-0000-0000-000000000001", "00000000-0000-0000-0000-00000000000a", int64(0)
	s := SignIn{CreatedDateTime: &at, AppID: &app, UserID: &user, ErrorCode: &code}
	if !(SignInQuery{Since: at, Until: at, AppIDs: []string{strings.ToUpper(app)}, UserID: user, SuccessfulOnly: true}).matches(s) {
		t.Error("inclusive bounds and case-insensitive ids should match")
	}
	if (SignInQuery{Until: at.Add(-time.Nanosecond)}).matches(s) {
		t.Error("a sign-in after until (by 1ns, which the second-rounded filter lets through) must not match")
	}
	failed := int64(50126)
	s.ErrorCode = &failed
	if (SignInQuery{SuccessfulOnly: true}).matches(s) {
		t.Error("a failed sign-in must not match successful only")
	}
}
