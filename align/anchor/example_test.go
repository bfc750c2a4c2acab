package anchor_test

import (
	"fmt"

	"github.com/parapost/parapost/align/anchor"
)

func ExampleFind() {
	fmt.Println(anchor.Find("🇷🇺🇧🇷 10 июня С.В.Лавров встретился с Мауро Виейрой. #БРИКС", "ru"))
	fmt.Println(anchor.Find("🇷🇺🇧🇷 On June 10, Sergey Lavrov met with Mauro Vieira. #BRICS", "en"))
	// Output:
	// [flag:🇷🇺🇧🇷 date:06-10 name:lavrov name:maur name:vieir tag:brics]
	// [flag:🇷🇺🇧🇷 date:06-10 name:serg name:lavrov name:maur name:vieir tag:brics]
}
