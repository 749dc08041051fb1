package backup

import (
	"bytes"
	"fmt"
	"time"
)

// ResticCheck asks CollectRestic to run restic check after reading the
// repository. At most one of ReadDataSubset and Rotate is set; with
// neither, restic check verifies the repository's structure without
// reading the data packs.
type ResticCheck struct {
	// ReadDataSubset is passed to restic check --read-data-subset as
	// given: n/t, a percentage (5%) or a size (500M).
	ReadDataSubset string
	// Rotate reads the subset k/Rotate, where k advances by one each day
	// (see Subset), so that daily collections read all data once every
	// Rotate days.
	Rotate int
}

// Subset returns the --read-data-subset value for a check at time now, or
// "" to read no data. With Rotate n it is k/n with
// k = (days since the Unix epoch of now, in UTC) mod n + 1.
func (c ResticCheck) Subset(now time.Time) string {
	if c.Rotate > 0 {
		days := now.Unix() / 86400
		if now.Unix()%86400 < 0 {
			days-- // floor before 1970
		}
		k := days % int64(c.Rotate)
		if k < 0 {
			k += int64(c.Rotate)
		}
		return fmt.Sprintf("%d/%d", k+1, c.Rotate)
	}
	return c.ReadDataSubset
}

// args are the restic check arguments after the repository. --no-cache
// keeps restic from printing the path of a random temporary cache into
// the evidence; check reads the repository afresh either way.
func (c ResticCheck) args(now time.Time) []string {
	args := []string{"--no-cache", "check"}
	if s := c.Subset(now); s != "" {
		args = append(args, "--read-data-subset="+s)
	}
	return args
}

// resticCheckVerdicts are restic's final messages when check ran to the
// end and found the repository damaged (restic 0.14 and later).
var resticCheckVerdicts = [][]byte{
	[]byte("repository contains errors"),
	[]byte("LoadIndex returned errors"),
	[]byte("The repository is damaged and must be repaired"),
}

// resticCheckOutput turns a restic check run into evidence: what restic
// printed, stdout then stderr (where it reports each error). A check that
// found errors exits non-zero and is evidence of a damaged repository,
// not a failure to collect; any other non-zero exit (a wrong password, a
// repository that is locked or unreachable) is not evidence.
func resticCheckOutput(stdout, stderr []byte, err error) ([]byte, bool) {
	data := append(append([]byte{}, stdout...), stderr...)
	if err == nil {
		return data, true
	}
	for _, v := range resticCheckVerdicts {
		if bytes.Contains(stderr, v) {
			return data, true
		}
	}
	return nil, false
}
