"""Custom actions: thin wrappers that run bot/ on the tracker."""
from bot.privacy import install_log_masking

install_log_masking()
