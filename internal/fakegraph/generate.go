package fakegraph

import (
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// Domains of generated tenants.
const (
	GeneratedInitialDomain   = "loadtest.onmicrosoft.com"
	GeneratedDefaultDomain   = "contoso.example"
	GeneratedSecondaryDomain = "fabrikam.example"
)

var (
	generatedFirstNames = []string{"Ada", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jon",
		"Kemal", "Lena", "Mateo", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tara",
		"Uma", "Viktor", "Wen", "Ximena", "Yusuf", "Zoe"}
	generatedLastNames = []string{"Abbott", "Barros", "Chen", "Dubois", "Eriksen", "Fischer", "Garcia", "Haddad", "Ito", "Jensen",
		"Kowalski", "Larsen", "Moreau", "Nakamura", "Okafor", "Petrov", "Quispe", "Rossi", "Silva", "Tanaka",
		"Usman", "Varga", "Weber", "Xu", "Yilmaz", "Zhou"}
	generatedDepartments = []string{"Finance", "Sales", "Marketing", "Engineering", "Operations", "Legal", "Human Resources", "Support"}
	generatedJobTitles   = []string{"Analyst", "Engineer", "Manager", "Director", "Specialist", "Coordinator", "Consultant", "Associate"}
	generatedPlaces      = [][3]string{{"Seattle", "WA", "United States"}, {"Austin", "TX", "United States"}, {"Toronto", "ON", "Canada"},
		{"London", "", "United Kingdom"}, {"Berlin", "", "Germany"}, {"Bengaluru", "Karnataka", "India"}, {"Sydney", "NSW", "Australia"}}
)

// GenerateTenant returns a tenant of n users for benchmarks and load tests.
// The same seed and n give an identical tenant, and user i is the same
// whatever n is. Users spread over three verified domains (default
// contoso.example, fabrikam.example, and the initial loadtest.onmicrosoft.com);
// about 10% are #EXT# guests, some have a null userType, no mail, a
// mixed-case domain, aliases, or no location. The apps are the demo tenant's,
// so DemoClientID / DemoClientSecret (and the other demo clients) work.
func GenerateTenant(seed int64, n int) *Tenant {
	rng := rand.New(rand.NewPCG(uint64(seed), 0x7e4a47))
	t := &Tenant{
		ID:          randomGUID(rng, 0),
		DisplayName: fmt.Sprintf("Generated Tenant %d", seed),
		Domains: []Domain{
			{Name: GeneratedInitialDomain, IsInitial: true, Type: "Managed", Capabilities: "Email, OfficeCommunicationsOnline"},
			{Name: GeneratedDefaultDomain, IsDefault: true, Type: "Managed", Capabilities: "Email, OfficeCommunicationsOnline"},
			{Name: GeneratedSecondaryDomain, Type: "Managed", Capabilities: "Email"},
		},
		Apps:  demoApps(),
		Users: make([]User, max(n, 0)),
	}
	for i := range t.Users {
		t.Users[i] = generateUser(seed, i)
	}
	return t
}

// randomGUID draws a version-4 GUID whose last six bytes are i, so the ids of
// one tenant never collide.
func randomGUID(rng *rand.Rand, i int) string {
	var b [16]byte
	binary.BigEndian.PutUint64(b[0:8], rng.Uint64())
	binary.BigEndian.PutUint16(b[8:10], uint16(rng.Uint32()))
	var idx [8]byte
	binary.BigEndian.PutUint64(idx[:], uint64(i))
	copy(b[10:], idx[2:])
	return formatGUID(b[:])
}

// mixCase writes a domain the way some users type it: "Contoso.Example".
func mixCase(domain string) string {
	labels := strings.Split(domain, ".")
	for i, l := range labels {
		if l != "" {
			labels[i] = strings.ToUpper(l[:1]) + l[1:]
		}
	}
	return strings.Join(labels, ".")
}

func generateUser(seed int64, i int) User {
	rng := rand.New(rand.NewPCG(uint64(seed), uint64(i)+1))
	chance := func(p float64) bool { return rng.Float64() < p }
	pick := func(list []string) string { return list[rng.IntN(len(list))] }

	first, last := pick(generatedFirstNames), pick(generatedLastNames)
	local := fmt.Sprintf("%s.%s%d", strings.ToLower(first), strings.ToLower(last), i)
	u := User{
		ID:          randomGUID(rng, i+1),
		GivenName:   Ptr(first),
		Surname:     Ptr(last),
		DisplayName: Ptr(first + " " + last),
	}

	if chance(0.10) {
		home := fmt.Sprintf("partner%d.example", rng.IntN(20))
		u.UserPrincipalName = local + "_" + home + "#EXT#@" + GeneratedInitialDomain
		u.UserType = Ptr("Guest")
		homeMail := local + "@" + home
		u.OtherMails = []string{homeMail}
		if chance(0.9) {
			u.Mail = Ptr(homeMail)
			u.ProxyAddresses = []string{"SMTP:" + homeMail}
		}
	} else {
		domain := GeneratedDefaultDomain
		switch p := rng.Float64(); {
		case p < 0.25:
			domain = GeneratedSecondaryDomain
		case p < 0.40:
			domain = GeneratedInitialDomain
		}
		if chance(0.10) {
			domain = mixCase(domain)
		}
		u.UserPrincipalName = local + "@" + domain
		if !chance(0.03) {
			u.UserType = Ptr("Member")
		}
		switch p := rng.Float64(); {
		case p < 0.07: // no mailbox
		case p < 0.15: // mailbox in another verified domain
			other := GeneratedSecondaryDomain
			if strings.EqualFold(domain, GeneratedSecondaryDomain) {
				other = GeneratedDefaultDomain
			}
			u.Mail = Ptr(local + "@" + other)
		default:
			u.Mail = Ptr(u.UserPrincipalName)
		}
		if u.Mail != nil {
			u.ProxyAddresses = []string{"SMTP:" + *u.Mail}
			if chance(0.5) {
				u.ProxyAddresses = append(u.ProxyAddresses, "smtp:"+strings.ToLower(first[:1]+last)+fmt.Sprint(i)+"@"+GeneratedDefaultDomain)
			}
			if chance(0.1) {
				u.ProxyAddresses = append(u.ProxyAddresses, "x500:/o=ExchangeLabs/ou=Recipients/cn="+local)
			}
		}
		if chance(0.15) {
			u.OtherMails = []string{local + "@personal.example"}
		}
		if chance(0.9) {
			u.Department = Ptr(pick(generatedDepartments))
		}
		if chance(0.85) {
			u.JobTitle = Ptr(pick(generatedJobTitles))
		}
		if chance(0.7) {
			u.EmployeeID = Ptr(fmt.Sprintf("E%06d", i))
		}
	}
	if chance(0.02) {
		u.GivenName = Ptr("")
	}

	switch p := rng.Float64(); {
	case p < 0.5:
		u.OfficeLocation = Ptr(fmt.Sprintf("Building %d", 1+rng.IntN(12)))
	case p < 0.85:
		place := generatedPlaces[rng.IntN(len(generatedPlaces))]
		u.City = Ptr(place[0])
		if place[1] != "" {
			u.State = Ptr(place[1])
		}
		if chance(0.8) {
			u.Country = Ptr(place[2])
		}
	}

	u.AccountEnabled = Ptr(!chance(0.05))
	base := time.Date(2018, 7, 1, 0, 0, 0, 0, time.UTC)
	created := base.Add(time.Duration(rng.Int64N(7*365*24*60*60)) * time.Second)
	if !chance(0.01) {
		u.CreatedDateTime = Ptr(created)
	}
	if chance(0.4) {
		hire := created.Add(time.Duration(rng.IntN(120)-90) * 24 * time.Hour).Truncate(24 * time.Hour)
		u.EmployeeHireDate = Ptr(hire)
	}
	return u
}
