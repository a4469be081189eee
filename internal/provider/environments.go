package provider

import "sort"

// cloud holds the hosts of one Microsoft cloud (graph-reference.md §1.1).
type cloud struct {
	authorityHost string
	graphEndpoint string
}

// clouds are the values of the environment argument. GCC (moderate) tenants
// use the public cloud.
var clouds = map[string]cloud{
	"public":       {authorityHost: "https://login.microsoftonline.com", graphEndpoint: "https://graph.microsoft.com"},
	"usgovernment": {authorityHost: "https://login.microsoftonline.us", graphEndpoint: "https://graph.microsoft.us"},
	"dod":          {authorityHost: "https://login.microsoftonline.us", graphEndpoint: "https://dod-graph.microsoft.us"},
	"china":        {authorityHost: "https://login.chinacloudapi.cn", graphEndpoint: "https://microsoftgraph.chinacloudapi.cn"},
}

func cloudNames() []string {
	names := make([]string, 0, len(clouds))
	for name := range clouds {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}
