package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
)

// startProfiles starts the CPU profile NACHWEIS_CPUPROFILE names, and
// returns the function that stops it and writes the heap profile
// NACHWEIS_MEMPROFILE names (as go test -cpuprofile and -memprofile do):
// how make bench-scale and a developer see where a command's time and
// memory go. Without the variables it does nothing. A profile that cannot
// be written is reported on stderr; the command runs all the same.
func startProfiles(getenv func(string) string, stderr io.Writer) (stop func()) {
	var cpu *os.File
	if path := getenv("NACHWEIS_CPUPROFILE"); path != "" {
		f, err := os.Create(path)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintf(stderr, "nachweis: cpu profile %s: %v\n", path, err)
		} else {
			cpu = f
		}
	}
	return func() {
		if cpu != nil {
			pprof.StopCPUProfile()
			if err := cpu.Close(); err != nil {
				fmt.Fprintf(stderr, "nachweis: cpu profile: %v\n", err)
			}
		}
		path := getenv("NACHWEIS_MEMPROFILE")
		if path == "" {
			return
		}
		runtime.GC()
		f, err := os.Create(path)
		if err == nil {
			err = pprof.Lookup("allocs").WriteTo(f, 0)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			fmt.Fprintf(stderr, "nachweis: memory profile %s: %v\n", path, err)
		}
	}
}
