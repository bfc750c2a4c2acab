package align_test

import (
	"context"
	"fmt"
	"time"

	"github.com/parapost/parapost/align"
	"github.com/parapost/parapost/corpus"
)

func ExampleAlignSentences() {
	ru := "10 июня С.В.Лавров провёл переговоры с министром иностранных дел Бразилии М.Виейрой. " +
		"Встреча прошла в Нижнем Новгороде на полях СМИД БРИКС. " +
		"Стороны обсудили подготовку к саммиту объединения в Казани 22-24 октября."
	en := "On June 10, Sergey Lavrov held talks with Foreign Minister of Brazil Mauro Vieira. <...> " +
		"The sides discussed preparations for the BRICS summit in Kazan on October 22-24."
	opt := align.DefaultAlignOptions()
	rs, es := align.Split(ru, "ru"), align.Split(en, "en")
	for _, b := range align.AlignSentences(ru, en, rs, es, opt) {
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

func ExampleAnchors() {
	fmt.Println(align.Anchors("🇷🇺🇧🇷 10 июня С.В.Лавров встретился с Мауро Виейрой. #БРИКС", "ru"))
	fmt.Println(align.Anchors("🇷🇺🇧🇷 On June 10, Sergey Lavrov met with Mauro Vieira. #BRICS", "en"))
	// Output:
	// [flag:🇷🇺🇧🇷 date:06-10 name:lavrov name:maur name:vieir tag:brics]
	// [flag:🇷🇺🇧🇷 date:06-10 name:serg name:lavrov name:maur name:vieir tag:brics]
}

func ExamplePair() {
	day := time.Date(2024, 6, 10, 9, 0, 0, 0, time.UTC)
	posts := []*corpus.Post{
		{Channel: "MID_Russia", ID: 1, Date: day, Lang: "ru",
			Text: "🇷🇺🇧🇷 10 июня С.В.Лавров провёл переговоры с Министром иностранных дел Бразилии М.Виейрой. #БРИКС"},
		{Channel: "MID_Russia", ID: 2, Date: day.Add(time.Hour), Lang: "ru",
			Text: "🇷🇺🇪🇬 10 июня С.В.Лавров провёл переговоры с Министром иностранных дел Египта С.Шукри. #БРИКС"},
		{Channel: "MFARussia", ID: 7, Date: day.Add(3 * time.Hour), Lang: "en",
			Text: "🇷🇺🇧🇷 On June 10, Sergey Lavrov held talks with Foreign Minister of Brazil Mauro Vieira. #BRICS"},
	}
	pairs, _, err := align.Pair(context.Background(), posts, align.DefaultPairOptions())
	if err != nil {
		panic(err)
	}
	for _, p := range pairs {
		fmt.Printf("%s/%d -> %s/%d %v\n", p.Source.Channel, p.Source.ID, p.Target.Channel, p.Target.ID, p.Evidence[:4])
	}
	// Output:
	// MID_Russia/1 -> MFARussia/7 [flag:🇷🇺🇧🇷 name:brasil name:vieir date:06-10]
}
