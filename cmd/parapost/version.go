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

// versionString is what --version prints: the module version, the VCS
// revision it was built from (when the build recorded it) and the Go
// version.
func versionString() string {
	rev, modified, when := "unknown (built without VCS information)", false, ""
	goVersion := ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		goVersion = bi.GoVersion
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
	if modified {
		rev += " (modified)"
	}
	if when != "" {
		rev += " of " + when
	}
	return fmt.Sprintf("parapost %s\nrevision %s\n%s", version(), rev, goVersion)
}
