package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"syscall"
	"time"
)

// command is one process to measure.
type command struct {
	name string
	argv []string
	env  []string // added to the environment
	// ok are the exit codes that count as success (nachweis check exits
	// 3 when controls fail, as the scale provider's do on purpose).
	ok []int
}

// sample is one run of a command.
type sample struct {
	wall, cpu time.Duration
	rssKB     int64
}

// result is the median of the runs of one command.
type result struct {
	name string
	sample
	runs int
}

// runOnce runs c and measures it with the rusage wait4 returns: user and
// system time and the peak resident set of the process.
func runOnce(c command) (sample, error) {
	cmd := exec.Command(c.argv[0], c.argv[1:]...)
	cmd.Env = append(os.Environ(), c.env...)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = nil, &stderr // stdout to /dev/null
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		return sample{}, fmt.Errorf("%s: %w", c.name, err)
	}
	if code != 0 && !slices.Contains(c.ok, code) {
		return sample{}, fmt.Errorf("%s: exit %d: %s", c.name, code, stderr.String())
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		return sample{}, fmt.Errorf("%s: no resource usage on %s", c.name, runtime.GOOS)
	}
	return sample{
		wall:  wall,
		cpu:   time.Duration(ru.Utime.Nano() + ru.Stime.Nano()),
		rssKB: ru.Maxrss, // kilobytes on Linux
	}, nil
}

// measure runs the commands runs times each, interleaved (a, b, c, a, b,
// c, ...) so that a busy moment of a shared machine does not fall on one
// command only, and returns the median of each figure per command.
func measure(runs int, cmds ...command) ([]result, error) {
	samples := make([][]sample, len(cmds))
	for range runs {
		for i, c := range cmds {
			s, err := runOnce(c)
			if err != nil {
				return nil, err
			}
			samples[i] = append(samples[i], s)
		}
	}
	out := make([]result, len(cmds))
	for i, c := range cmds {
		out[i] = result{name: c.name, sample: median(samples[i]), runs: runs}
	}
	return out, nil
}

// median takes the median of each figure on its own.
func median(s []sample) sample {
	walls := make([]time.Duration, len(s))
	cpus := make([]time.Duration, len(s))
	rss := make([]int64, len(s))
	for i, x := range s {
		walls[i], cpus[i], rss[i] = x.wall, x.cpu, x.rssKB
	}
	slices.Sort(walls)
	slices.Sort(cpus)
	slices.Sort(rss)
	m := len(s) / 2
	if len(s)%2 == 1 {
		return sample{wall: walls[m], cpu: cpus[m], rssKB: rss[m]}
	}
	return sample{wall: (walls[m-1] + walls[m]) / 2, cpu: (cpus[m-1] + cpus[m]) / 2, rssKB: (rss[m-1] + rss[m]) / 2}
}
