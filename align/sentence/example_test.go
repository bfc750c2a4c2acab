package sentence_test

import (
	"fmt"

	"github.com/parapost/parapost/align/sentence"
	"github.com/parapost/parapost/align/split"
)

func ExampleAlign() {
	ru := "10 июня С.В.Лавров провёл переговоры с министром иностранных дел Бразилии М.Виейрой. " +
		"Встреча прошла в Нижнем Новгороде на полях СМИД БРИКС. " +
		"Стороны обсудили подготовку к саммиту объединения в Казани 22-24 октября."
	en := "On June 10, Sergey Lavrov held talks with Foreign Minister of Brazil Mauro Vieira. <...> " +
		"The sides discussed preparations for the BRICS summit in Kazan on October 22-24."
	opt := sentence.DefaultOptions()
	rs, es := split.Sentences(ru, "ru"), split.Sentences(en, "en")
	for _, b := range sentence.Align(ru, en, rs, es, opt) {
		var src, tgt string
		for _, s := range rs[b.SrcStart:b.SrcEnd] {
			src += ru[s.Start:s.End]
		}
		for _, s := range es[b.TgtStart:b.TgtEnd] {
			tgt += en[s.Start:s.End]
		}
		fmt.Printf("%s %q %q\n", b.Type(), src, tgt)
	}
	// Output:
	// 1-1 "10 июня С.В.Лавров провёл переговоры с министром иностранных дел Бразилии М.Виейрой." "On June 10, Sergey Lavrov held talks with Foreign Minister of Brazil Mauro Vieira."
	// 0-1 "" "<...>"
	// 1-0 "Встреча прошла в Нижнем Новгороде на полях СМИД БРИКС." ""
	// 1-1 "Стороны обсудили подготовку к саммиту объединения в Казани 22-24 октября." "The sides discussed preparations for the BRICS summit in Kazan on October 22-24."
}
