"""The assistant's outlets, each a Rasa InputChannel registered in credentials.yml:
WeChat official account (wechat), website chat widget (widget), hotline agent console (agent)."""
