// Command benchscale is `make bench-scale`: it generates corpora of the
// given sizes (posts in all, half per language) under -out once, builds
// each with -bin, and prints the wall time per stage (from the build's
// DIR/manifest.json), the total wall time and the peak resident memory of
// the build (the kernel's maxrss of the child; the stages are the columns,
// "other" is wall time outside them: loading models, writing; CPU is user + system
// time, which a machine shared with other work changes less), then the same for
// `parapost detect` on the sizes given with -detect.
//
//	go run ./corpus/internal/cmd/benchscale -data ../shared/data -out out/scale 100k 300k 1m
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/parapost/parapost/corpus/internal/gen"
)

func main() {
	data := flag.String("data", "testdata", "directory holding "+strings.Join(gen.BeadFiles, ", "))
	out := flag.String("out", "out/scale", "where corpora and builds go")
	bin := flag.String("bin", "bin/parapost", "the parapost binary to measure")
	detect := flag.String("detect", "300k", "comma-separated sizes to run `parapost detect` on too (\"\" for none)")
	seed := flag.Uint64("seed", 1, "generator seed")
	flag.Parse()
	sizes := flag.Args()
	if len(sizes) == 0 {
		sizes = []string{"100k", "300k", "1m"}
	}
	if err := run(*data, *out, *bin, *detect, *seed, sizes); err != nil {
		fmt.Fprintln(os.Stderr, "benchscale:", err)
		os.Exit(1)
	}
}

// parseSize reads 100k, 1m, 2500.
func parseSize(s string) (int, error) {
	mult := 1
	switch {
	case strings.HasSuffix(s, "k"):
		mult, s = 1000, strings.TrimSuffix(s, "k")
	case strings.HasSuffix(s, "m"):
		mult, s = 1000000, strings.TrimSuffix(s, "m")
	}
	n, err := strconv.Atoi(s)
	if err != nil || n*mult < 2 {
		return 0, fmt.Errorf("size %q: want a number of posts such as 100k or 1m", s)
	}
	return n * mult, nil
}

// measured is one run of the binary.
type measured struct {
	wall   time.Duration
	cpu    time.Duration // user + system: what a loaded machine changes less than wall time
	maxRSS int64         // bytes
}

// measure runs bin with args, stdout to out, and returns its wall time and
// peak resident memory.
func measure(bin string, stdout io.Writer, args ...string) (measured, error) {
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = stdout, os.Stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return measured{}, fmt.Errorf("%s %s: %w", bin, strings.Join(args, " "), err)
	}
	m := measured{wall: time.Since(start)}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		m.maxRSS = ru.Maxrss * 1024 // KiB on Linux
	}
	m.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	return m, nil
}

func run(data, out, bin, detectSizes string, seed uint64, sizes []string) error {
	var docs []gen.Doc
	// Check every size before the first long run.
	for _, size := range sizes {
		if _, err := parseSize(size); err != nil {
			return err
		}
	}
	// Rows are printed as each build ends (a 1M build takes minutes),
	// with the stages of the first build's manifest as columns.
	var columns []string
	for _, size := range sizes {
		n, err := parseSize(size)
		if err != nil {
			return err
		}
		dir := filepath.Join(out, size)
		if _, err := os.Stat(filepath.Join(dir, "gold", "pairs.tsv")); err != nil {
			if docs == nil {
				if docs, err = gen.LoadDocs(data); err != nil {
					return err
				}
			}
			fmt.Fprintf(os.Stderr, "generating %s: %d posts per language in %s\n", size, n/2, dir)
			c, err := gen.Generate(docs, gen.Options{Posts: n / 2, Seed: seed})
			if err != nil {
				return err
			}
			if err := gen.WriteDir(dir, c); err != nil {
				return err
			}
		}
		inputs := []string{filepath.Join(dir, "ru"), filepath.Join(dir, "en")}
		var bytes int64
		for _, in := range inputs {
			if st, err := os.Stat(filepath.Join(in, "result.json")); err == nil {
				bytes += st.Size()
			}
		}
		build := filepath.Join(out, "build-"+size)
		fmt.Fprintf(os.Stderr, "building %s\n", size)
		m, err := measure(bin, io.Discard, append([]string{"build", "--quiet", "--force", "-o", build}, inputs...)...)
		if err != nil {
			return err
		}
		stages, err := readStages(filepath.Join(build, "manifest.json"))
		if err != nil {
			return err
		}
		if columns == nil {
			for _, st := range stages {
				columns = append(columns, st.Name)
			}
			fmt.Printf("| posts | input | %s | other | wall | CPU | peak RSS |\n", strings.Join(columns, " | "))
			fmt.Printf("|%s\n", strings.Repeat(" ---: |", len(columns)+6))
		}
		cells := map[string]float64{}
		for _, st := range stages {
			cells[st.Name] += st.Seconds
		}
		row := []string{size, mb(bytes)}
		for _, c := range columns {
			row = append(row, fmt.Sprintf("%.1f s", cells[c]))
		}
		// other: wall time outside the columns' stages.
		other := m.wall.Seconds()
		for _, c := range columns {
			other -= cells[c]
		}
		row = append(row, fmt.Sprintf("%.1f s", other), fmt.Sprintf("%.1f s", m.wall.Seconds()),
			fmt.Sprintf("%.1f s", m.cpu.Seconds()), mb(m.maxRSS))
		fmt.Printf("| %s |\n", strings.Join(row, " | "))
	}

	if detectSizes == "" {
		return nil
	}
	fmt.Println()
	fmt.Println("| detect | posts | wall | CPU | peak RSS |")
	fmt.Println("| --- | ---: | ---: | ---: | ---: |")
	for _, size := range strings.Split(detectSizes, ",") {
		dir := filepath.Join(out, size)
		if _, err := os.Stat(dir); err != nil {
			continue
		}
		fmt.Fprintf(os.Stderr, "detecting %s\n", size)
		m, err := measure(bin, io.Discard, "detect", "--json", "--quiet", filepath.Join(dir, "ru"), filepath.Join(dir, "en"))
		if err != nil {
			return err
		}
		fmt.Printf("| parapost detect --json | %s | %.1f s | %.1f s | %s |\n", size, m.wall.Seconds(), m.cpu.Seconds(), mb(m.maxRSS))
	}
	return nil
}

// stage is one entry of DIR/manifest.json's "stages".
type stage struct {
	Name    string  `json:"name"`
	Seconds float64 `json:"seconds"`
}

func readStages(path string) ([]stage, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read stage timings: %w", err)
	}
	var m struct {
		Stages []stage `json:"stages"`
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if len(m.Stages) == 0 {
		return nil, errors.New(path + ": no stage timings")
	}
	return m.Stages, nil
}

func mb(n int64) string {
	if n >= 1<<30 {
		return fmt.Sprintf("%.2f GB", float64(n)/(1<<30))
	}
	return fmt.Sprintf("%.0f MB", float64(n)/(1<<20))
}
