package detect

import "fmt"

// CheckLanguages reports whether New would accept langs, without loading
// any language model: a command can check its flags before it reads its
// inputs, and load the models (150 MB) only when it needs them.
func CheckLanguages(langs []string) error {
	if len(langs) == 0 {
		return nil
	}
	seen := make(map[string]bool)
	for _, code := range langs {
		l, err := parseLanguage(code)
		if err != nil {
			return err
		}
		seen[isoCode(l)] = true
	}
	if len(seen) < 2 {
		return fmt.Errorf("detect: need at least two languages, got %q", langs)
	}
	return nil
}
