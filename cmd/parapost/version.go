package main

import (
	"fmt"
	"runtime/debug"
)

// version is the module version from the build information: a tag such as
// v0.3.0 when installed with go install, "(devel)" when built in a checkout.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok || bi.Main.Version == "" {
		return "(devel)"
	}
	return bi.Main.Version
}

// parapostVersion is the module version and the short VCS revision, for
// the files a build writes (dataset card, manifest, TMX header).
func parapostVersion() string {
	v := version()
	if rev, _, _ := vcsInfo(); rev != "" && len(rev) >= 12 {
		v += " " + rev[:12]
	}
	return v
}

// vcsInfo returns the VCS revision, whether the tree was modified, and the
// commit time, as the build recorded them ("" when it did not).
func vcsInfo() (rev string, modified bool, when string) {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			case "vcs.time":
				when = s.Value
			}
		}
	}
	return rev, modified, when
}

// versionString is what --version prints: the module version, the VCS
// revision it was built from (when the build recorded it) and the Go
// version.
func versionString() string {
	rev, modified, when := vcsInfo()
	if rev == "" {
		rev = "unknown (built without VCS information)"
	}
	goVersion := ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		goVersion = bi.GoVersion
	}
	if modified {
		rev += " (modified)"
	}
	if when != "" {
		rev += " of " + when
	}
	return fmt.Sprintf("parapost %s\nrevision %s\n%s", version(), rev, goVersion)
}
