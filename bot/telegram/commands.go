package telegram

import (
	"context"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/dasi-seoul/dasi/dialogs"
)

// setCommands registers the command menu in Korean. The bot works without
// it, so a failure is logged, not returned.
func (b *Channel) setCommands(ctx context.Context) {
	var cmds []tgbotapi.BotCommand
	for _, c := range dialogs.Commands() {
		cmds = append(cmds, tgbotapi.BotCommand{Command: c.Name, Description: c.Description})
	}
	cctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	if err := b.c.send(cctx, tgbotapi.NewSetMyCommands(cmds...)); err != nil {
		b.log.WarnContext(ctx, "cannot register the command menu (setMyCommands); the bot works without it", "error", err)
	}
}
