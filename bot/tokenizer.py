"""The NLU's tokenizer: jieba over the message written in simplified characters, without
jieba's guessed words.

Traditional characters are not in jieba's dictionary, so "辦理門診慢特病認定" came out as
辦理門/診慢/特病/認定 and no entity could line up with it: the tokens are cut from the
simplified form (same length, so offsets stay those of the message as typed) and carry the
simplified text, so 門診 and 门诊 are one feature. jieba's HMM glues unknown characters to
their neighbours ("办慢", "并卡先", "合能"), cutting through the words citizens annotate;
without it an unknown run stays single characters, which every span can line up with.
"""
from __future__ import annotations

from typing import Any, Dict, List, Text, Tuple

from opencc import OpenCC
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.tokenizers.jieba_tokenizer import JiebaTokenizer
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.shared.nlu.training_data.message import Message

_TO_SIMPLIFIED = OpenCC("t2s")


def simplified(text: str) -> str:
    """The text in simplified characters, or as it is where converting would change its length."""
    converted = _TO_SIMPLIFIED.convert(text)
    return converted if len(converted) == len(text) else text


def cut(jieba_tokenizer, text: str) -> List[Tuple[str, int, int]]:
    """(word, start, end) of each token; `jieba_tokenizer` is jieba itself or a jieba.Tokenizer."""
    return list(jieba_tokenizer.tokenize(simplified(text), HMM=False))


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=True)
class SimplifiedJiebaTokenizer(JiebaTokenizer):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return JiebaTokenizer.get_default_config()

    def tokenize(self, message: Message, attribute: Text) -> List[Token]:
        import jieba

        tokens = [Token(word, start) for word, start, _ in cut(jieba, message.get(attribute))]
        return self._apply_token_pattern(tokens)
