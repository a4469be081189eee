package graph

import (
	"context"
	"encoding/json"
	"fmt"
)

// ReportSettings are the tenant's Microsoft 365 usage report settings
// (GET /v1.0/admin/reportSettings, graph-reference-2 §5).
type ReportSettings struct {
	// DisplayConcealedNames is true when usage reports hide user, group
	// and site names (the default since 2021).
	DisplayConcealedNames bool
}

const permissionReportSettings = "ReportSettings.Read.All"

// GetReportSettings reads /admin/reportSettings. Microsoft's page shows the
// entity wrapped in "value", the service sends it plain: both are accepted.
// A body with neither form's displayConcealedNames is an error, not false.
func (c *Client) GetReportSettings(ctx context.Context) (ReportSettings, error) {
	ctx = withLogging(ctx)
	const path = "/v1.0/admin/reportSettings"
	w, err := getObject[reportSettingsWire](ctx, c, path, "$select=displayConcealedNames", permissionReportSettings)
	if err != nil {
		return ReportSettings{}, err
	}
	concealed := w.DisplayConcealedNames
	if concealed == nil && w.Value != nil {
		concealed = w.Value.DisplayConcealedNames
	}
	if concealed == nil {
		return ReportSettings{}, fmt.Errorf("graph: GET %s answered without displayConcealedNames: check graph_endpoint", path)
	}
	return ReportSettings{DisplayConcealedNames: *concealed}, nil
}

type reportSettingsWire struct {
	DisplayConcealedNames *bool `json:"displayConcealedNames"`
	Value                 *struct {
		DisplayConcealedNames *bool `json:"displayConcealedNames"`
	} `json:"value"`
}

// UnmarshalJSON tolerates a "value" that is not an object (a collection
// envelope by mistake) by leaving it out, so the error above names the
// missing property instead of a type mismatch.
func (w *reportSettingsWire) UnmarshalJSON(b []byte) error {
	var raw struct {
		DisplayConcealedNames *bool           `json:"displayConcealedNames"`
		Value                 json.RawMessage `json:"value"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	w.DisplayConcealedNames = raw.DisplayConcealedNames
	if len(raw.Value) > 0 && raw.Value[0] == '{' {
		w.Value = &struct {
			DisplayConcealedNames *bool `json:"displayConcealedNames"`
		}{}
		if err := json.Unmarshal(raw.Value, w.Value); err != nil {
			return err
		}
	}
	return nil
}
