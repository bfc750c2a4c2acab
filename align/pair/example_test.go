package pair_test

import (
	"context"
	"fmt"
	"time"

	"github.com/parapost/parapost/align/pair"
	"github.com/parapost/parapost/corpus"
)

func ExamplePosts() {
	day := time.Date(2024, 6, 10, 9, 0, 0, 0, time.UTC)
	posts := []*corpus.Post{
		{Channel: "MID_Russia", ID: 1, Date: day, Lang: "ru",
			Text: "🇷🇺🇧🇷 10 июня С.В.Лавров провёл переговоры с Министром иностранных дел Бразилии М.Виейрой. #БРИКС"},
		{Channel: "MID_Russia", ID: 2, Date: day.Add(time.Hour), Lang: "ru",
			Text: "🇷🇺🇪🇬 10 июня С.В.Лавров провёл переговоры с Министром иностранных дел Египта С.Шукри. #БРИКС"},
		{Channel: "MFARussia", ID: 7, Date: day.Add(3 * time.Hour), Lang: "en",
			Text: "🇷🇺🇧🇷 On June 10, Sergey Lavrov held talks with Foreign Minister of Brazil Mauro Vieira. #BRICS"},
	}
	pairs, _, err := pair.Posts(context.Background(), posts, pair.DefaultOptions())
	if err != nil {
		panic(err)
	}
	for _, p := range pairs {
		fmt.Printf("%s/%d -> %s/%d %v\n", p.Source.Channel, p.Source.ID, p.Target.Channel, p.Target.ID, p.Evidence[:4])
	}
	// Output:
	// MID_Russia/1 -> MFARussia/7 [flag:🇷🇺🇧🇷 name:brasil name:vieir date:06-10]
}
