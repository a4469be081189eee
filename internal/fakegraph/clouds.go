package fakegraph

import (
	"net/http"
	"slices"
	"strings"
)

// cloudGraphResources are the Graph resources each national cloud's login
// host issues tokens for (graph-reference §1.1). China's login host has two
// names in use; both are accepted.
var cloudGraphResources = map[string][]string{
	"login.microsoftonline.com":        {PublicGraphResource},
	"login.microsoftonline.us":         {"https://graph.microsoft.us", "https://dod-graph.microsoft.us"},
	"login.chinacloudapi.cn":           {"https://microsoftgraph.chinacloudapi.cn"},
	"login.partner.microsoftonline.cn": {"https://microsoftgraph.chinacloudapi.cn"},
}

// graphResources are the scope resources the token endpoint accepts for r.
// Reached under a cloud's login host name (through a test's transport or a
// proxy), only that cloud's Graph is accepted: tokens of one cloud are not
// valid in another. Reached directly, the Server itself and the global
// Graph are.
func (s *Server) graphResources(r *http.Request) []string {
	host := strings.ToLower(r.Host)
	if resources, ok := cloudGraphResources[host]; ok {
		return slices.Concat(resources, []string{GraphAppID})
	}
	return []string{baseURL(r), s.URL(), PublicGraphResource, GraphAppID}
}
