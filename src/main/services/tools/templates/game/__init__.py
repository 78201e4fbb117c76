# {{TITLE}}: a game loop. UP/DOWN move the paddle, A serves the ball, the score is kept in
# /state/{{SLUG}}.json between runs.
from badgeware import screen, brushes, shapes, io, State

BACKGROUND = brushes.color(13, 17, 23)
PADDLE = brushes.color(63, 185, 80)
BALL = brushes.color(240, 246, 252)
LIVES = brushes.color(248, 81, 73)

state = {"best": 0}
paddle_y = 48
ball = [80.0, 60.0, 0.0, 0.0]  # x, y, dx, dy
score = 0
lives = 3


def init():
    State.load("{{SLUG}}", state)


def serve():
    ball[0], ball[1], ball[2], ball[3] = 80.0, 60.0, -1.5, 1.0


def update():
    global paddle_y, score, lives
    if io.BUTTON_UP in io.held:
        paddle_y = max(0, paddle_y - 3)
    if io.BUTTON_DOWN in io.held:
        paddle_y = min(120 - 24, paddle_y + 3)
    if io.BUTTON_A in io.pressed and ball[2] == 0:
        serve()

    ball[0] += ball[2]
    ball[1] += ball[3]
    if ball[1] < 2 or ball[1] > 118:
        ball[3] = -ball[3]
    if ball[0] > 156:
        ball[2] = -ball[2]
    if ball[0] < 10 and ball[2] < 0:
        if paddle_y <= ball[1] <= paddle_y + 24:
            ball[2] = -ball[2] * 1.05
            score += 1
            if score > state["best"]:
                state["best"] = score
                State.save("{{SLUG}}", state)
        else:
            lives -= 1
            ball[0], ball[1], ball[2], ball[3] = 80.0, 60.0, 0.0, 0.0
            if lives == 0:
                lives, score = 3, 0

    screen.brush = BACKGROUND
    screen.clear()
    screen.brush = PADDLE
    screen.draw(shapes.rectangle(4, paddle_y, 4, 24))
    screen.brush = BALL
    screen.draw(shapes.circle(ball[0], ball[1], 2))
    for i in range(score % 20):
        screen.draw(shapes.rectangle(60 + i * 5, 2, 3, 3))
    screen.brush = LIVES
    for i in range(lives):
        screen.draw(shapes.circle(150 - i * 8, 116, 2))
