package approval

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestDecide(t *testing.T) {
	at := func(d int) time.Time { return time.Date(2026, 11, d, 10, 0, 0, 0, time.UTC) }
	v1 := Record{Document: "TOM-acme", Version: 1, Content: digestA, Step: Approved, Name: "Erika", Role: "DSB", At: at(24)}
	v1r := Record{Document: "TOM-acme", Version: 1, Content: digestA, Step: Reviewed, Name: "Jonas", Role: "ISB", At: at(23)}
	other := Record{Document: "TOM-globex", Version: 4, Content: digestB, Step: Approved, Name: "Erika", Role: "DSB", At: at(20)}
	tests := []struct {
		name     string
		records  []Record
		content  string
		previous bool
		want     Decision
	}{
		{"nothing recorded", nil, digestA, false, Decision{Document: "TOM-acme", Content: digestA, Version: 1, Reason: NoApproval,
			History: []Version{{Number: 1, Content: digestA, Current: true}}}},
		{"nothing recorded, with a previous version", nil, digestA, true, Decision{Document: "TOM-acme", Content: digestA, Version: 2, Previous: 1, Reason: NoApproval,
			History: []Version{{Number: 2, Content: digestA, Current: true}}}},
		{"approved content", []Record{other, v1, v1r}, digestA, false, Decision{Document: "TOM-acme", Content: digestA, Version: 1, Approved: true,
			Records: []Record{v1r, v1},
			History: []Version{{Number: 1, Content: digestA, Date: at(24), Records: []Record{v1r, v1}, Approved: true, Current: true}}}},
		{"reviewed only", []Record{v1r}, digestA, false, Decision{Document: "TOM-acme", Content: digestA, Version: 1, Reason: NoApproval,
			Records: []Record{v1r},
			History: []Version{{Number: 1, Content: digestA, Date: at(23), Records: []Record{v1r}, Current: true}}}},
		{"other content approved", []Record{v1, v1r}, digestB, true, Decision{Document: "TOM-acme", Content: digestB, Version: 2, Previous: 1,
			Reason: OtherContent, LatestApproved: 1,
			History: []Version{
				{Number: 1, Content: digestA, Date: at(24), Records: []Record{v1r, v1}, Approved: true},
				{Number: 2, Content: digestB, Current: true},
			}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &Set{Records: tt.records}
			got := s.Decide("TOM-acme", tt.content, tt.previous)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Decide (-want +got):\n%s", diff)
			}
		})
	}
	var none *Set
	if d := none.Decide("TOM-acme", digestA, false); d.Version != 1 || d.Reason != NoApproval {
		t.Errorf("nil set: %+v", d)
	}
}
