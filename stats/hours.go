package stats

import (
	"fmt"
	"strings"
	"time"

	"cmdeck/core"
)

// Hours are business hours in a zone. The syntax is the SLA rules' (see
// core.ParseBusinessHours): "mon-fri 09:00-18:00; sat 10:00-13:00", days in
// English or French (lun-ven), lists (mon,wed), ranges that may wrap
// (fri-mon) or the words daily, weekdays, weekends; times 09:00, 9h30 or
// 9h, up to 24:00.
type Hours struct {
	open *core.BusinessHours // nil: always open ("24/7")
	loc  *time.Location
}

// ParseHours reads business hours in loc (nil = UTC). "" means none were
// given (nil, nil): the business-hours figures are then not available;
// "24/7" is always open.
func ParseHours(spec string, loc *time.Location) (*Hours, error) {
	if loc == nil {
		loc = time.UTC
	}
	spec = strings.TrimSpace(spec)
	if spec == "" {
		return nil, nil
	}
	open, err := core.ParseBusinessHours(spec)
	if err != nil {
		return nil, fmt.Errorf("business hours %q: %w", spec, err)
	}
	return &Hours{open: open, loc: loc}, nil
}

// Between is the open time in [a, b): what a customer waited in business
// hours. A DST change inside a span makes it an hour shorter or longer, as
// the wall clock says.
func (h *Hours) Between(a, b time.Time) time.Duration {
	return h.open.Between(a, b, h.loc)
}
