"""What the write modules share: keeping an item's stored state equal to its steps."""

from ..models import Item
from ..rules import item_state
from ..selectors.steps import item_steps


def state_refresh(*, item: Item) -> Item:
    """Store where the item stands, from its steps (`rules.item_state` is the one home of the
    rule; the column exists so lists can filter and count by it). Call after every step."""
    state = item_state(item_steps(item))
    if item.state != state:
        item.state = state
        item.save(update_fields=["state"])
    return item
